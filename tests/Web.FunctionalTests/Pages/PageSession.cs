using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace OneTimeSecret.Web.FunctionalTests.Pages;

/// <summary>
/// A browser-like visitor of the pages: keeps cookies, does not follow redirects (so tests see them), and fills
/// forms with the antiforgery token of the page they came from.
/// </summary>
public sealed partial class PageSession : IDisposable
{
    public const string AntiforgeryField = "__csrf";

    private PageSession(HttpClient client) => Client = client;

    public HttpClient Client { get; }

    public static PageSession Start(OneTimeSecretApp app, Uri? baseAddress = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        return new PageSession(app.CreateClient(new WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            HandleCookies = true,
            // HTTPS, as in production: outside Development the session cookie is Secure (and __Host-), and a browser
            // sends it back over HTTPS only.
            BaseAddress = baseAddress ?? new Uri("https://localhost"),
        }));
    }

    public async Task<Page> GetAsync(string path) => await Page.ReadAsync(await Client.GetAsync(path));

    /// <summary>Posts a form with the antiforgery token taken from <paramref name="from"/>.</summary>
    public async Task<Page> PostAsync(string path, Page from, params (string Name, string Value)[] fields)
    {
        ArgumentNullException.ThrowIfNull(from);
        return await PostWithoutTokenAsync(path, [.. fields, (AntiforgeryField, from.AntiforgeryToken())]);
    }

    /// <summary>Gets <paramref name="formPage"/> for its token, then posts the form.</summary>
    public async Task<Page> SubmitAsync(string formPage, string action, params (string Name, string Value)[] fields) =>
        await PostAsync(action, await GetAsync(formPage), fields);

    public async Task<Page> PostWithoutTokenAsync(string path, params (string Name, string Value)[] fields)
    {
        // What people type must never reach a log line; the functional tests' log scan looks for these.
        foreach (var (_, value) in fields.Where(f => SensitiveFields.Contains(f.Name)))
        {
            LogCapture.AddSensitive(value);
        }

        return await Page.ReadAsync(await Client.PostAsync(path, new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)))));
    }

    private static readonly HashSet<string> SensitiveFields = ["secret", "passphrase", "recipient", "password", "confirm_password", "note"];

    /// <summary>Shares a secret through the home page's form; answers the creator's page path and the secret's link.</summary>
    public async Task<(string PrivatePath, string SecretPath)> ShareAsync(string secret, params (string Name, string Value)[] more)
    {
        var created = await SubmitAsync("/", "/", [("secret", secret), .. more]);
        created.ExpectStatus(HttpStatusCode.Redirect);
        var privatePath = created.Location!;
        var privatePage = await GetAsync(privatePath);
        privatePage.ExpectStatus(HttpStatusCode.OK);
        var link = privatePage.InputValue("share-link") ?? throw new AssertionException("The creator's page shows no link");
        LogCapture.AddSensitive(privatePath.Split('/').Last());
        LogCapture.AddSensitive(link.Split('/').Last());
        return (privatePath, new Uri(link).AbsolutePath);
    }

    /// <summary>Signs up; answers the response, which sets the session cookie.</summary>
    public async Task<Page> SignUpAsync(string custId, string password = "a long enough password")
    {
        var result = await SubmitAsync("/signup", "/signup", ("custid", custId), ("password", password), ("confirm_password", password));
        result.ExpectStatus(HttpStatusCode.Redirect);
        return result;
    }

    public void Dispose() => Client.Dispose();
}

/// <summary>A response of the pages, read whole.</summary>
public sealed partial class Page
{
    private Page(HttpResponseMessage response, string html)
    {
        Response = response;
        Html = html;
    }

    public HttpResponseMessage Response { get; }

    public string Html { get; }

    public HttpStatusCode Status => Response.StatusCode;

    public string? Location => Response.Headers.Location?.OriginalString;

    public static async Task<Page> ReadAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return new Page(response, await response.Content.ReadAsStringAsync());
    }

    public Page ExpectStatus(HttpStatusCode status)
    {
        Assert.That(Status, Is.EqualTo(status), Html.Length > 2000 ? Html[..2000] : Html);
        return this;
    }

    public Page ExpectHtml(HttpStatusCode status)
    {
        ExpectStatus(status);
        Assert.That(Response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
        return this;
    }

    public string? Header(string name) =>
        Response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values)
        : Response.Content.Headers.TryGetValues(name, out var contentValues) ? string.Join(", ", contentValues)
        : null;

    /// <summary>The <c>name=value</c> part of the cookie this response sets whose name ends in <paramref name="nameSuffix"/>.</summary>
    public string SetCookie(string nameSuffix) =>
        Response.Headers.TryGetValues("Set-Cookie", out var cookies)
            ? cookies.Select(c => c.Split(';')[0]).Single(c => c.Split('=')[0].EndsWith(nameSuffix, StringComparison.Ordinal))
            : throw new AssertionException("The response sets no cookie");

    public string AntiforgeryToken()
    {
        var match = TokenPattern().Match(Html);
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new AssertionException("The page has no antiforgery token");
    }

    /// <summary>The value of the input with this id, HTML-decoded.</summary>
    public string? InputValue(string id)
    {
        var tag = Regex.Match(Html, $"<input[^>]*\\bid=\"{Regex.Escape(id)}\"[^>]*>");
        if (!tag.Success)
        {
            return TextAreaValue(id);
        }

        var value = Regex.Match(tag.Value, "\\bvalue=\"([^\"]*)\"");
        return value.Success ? WebUtility.HtmlDecode(value.Groups[1].Value) : string.Empty;
    }

    /// <summary>The text of the textarea with this id, HTML-decoded (without the leading newline HTML ignores).</summary>
    public string? TextAreaValue(string id)
    {
        var match = Regex.Match(Html, $"<textarea[^>]*\\bid=\"{Regex.Escape(id)}\"[^>]*>(.*?)</textarea>", RegexOptions.Singleline);
        if (!match.Success)
        {
            return null;
        }

        // As a browser reads it: one line feed right after the start tag is dropped, written or as a reference.
        var text = WebUtility.HtmlDecode(match.Groups[1].Value);
        return text.StartsWith('\n') ? text[1..] : text;
    }

    /// <summary>The text of the validation message for a field.</summary>
    public string? FieldError(string field)
    {
        var match = Regex.Match(Html, $"<span[^>]*data-valmsg-for=\"{Regex.Escape(field)}\"[^>]*>(.*?)</span>", RegexOptions.Singleline);
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value).Trim() : null;
    }

    /// <summary>The value of a named element's attribute (first element whose tag text contains <paramref name="marker"/>).</summary>
    public string? Attribute(string marker, string attribute)
    {
        var tag = Regex.Match(Html, $"<[^>]*{Regex.Escape(marker)}[^>]*>");
        if (!tag.Success)
        {
            return null;
        }

        var value = Regex.Match(tag.Value, $"\\b{Regex.Escape(attribute)}=\"([^\"]*)\"");
        return value.Success ? WebUtility.HtmlDecode(value.Groups[1].Value) : null;
    }

    [GeneratedRegex("name=\"__csrf\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
