using System.Net;
using System.Text.RegularExpressions;

namespace OneTimeSecret.Web.ReliabilityTests;

/// <summary>
/// A browser-like visitor over plain HTTP on loopback: keeps the cookies itself (the app marks them Secure outside
/// Development, which an HTTP client would not send back over HTTP), follows no redirect, and posts forms with the
/// antiforgery token of the page they came from.
/// </summary>
public sealed partial class PageVisitor : IDisposable
{
    private readonly HttpClient _client;
    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);

    public PageVisitor(Uri baseAddress) =>
        _client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };

    public sealed record Result(HttpStatusCode Status, string Html, string? Location);

    public async Task<Result> GetAsync(string path) => await SendAsync(new HttpRequestMessage(HttpMethod.Get, path));

    public async Task<Result> PostAsync(string path, Result? from, params (string Name, string Value)[] fields)
    {
        var token = from is null ? (await GetAsync("/")).Html : from.Html;
        (string Name, string Value)[] all = [.. fields, ("__csrf", Csrf().Match(token).Groups[1].Value)];
        return await SendAsync(new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new FormUrlEncodedContent(all.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))),
        });
    }

    /// <summary>Shares through the home page's form (or generates); answers both keys, taken from the creator's page.</summary>
    public async Task<(string MetadataKey, string SecretKey)> ShareAsync(string action, string? secret, params (string Name, string Value)[] more)
    {
        var form = await GetAsync("/");
        var created = await PostAsync(action, form, secret is null ? more : [("secret", secret), .. more]);
        Assert.That(created.Status, Is.EqualTo(HttpStatusCode.Redirect), created.Html);
        var metadataKey = created.Location!.Split('/').Last();
        var page = await GetAsync(created.Location!);
        var secretKey = SecretLink().Match(page.Html).Groups[1].Value;
        Assert.That(secretKey, Is.Not.Empty, "the creator's page shows the link");
        return (metadataKey, secretKey);
    }

    /// <summary>Signs up on the page, then issues an API token on the account page; answers the token.</summary>
    public async Task<string> SignUpWithTokenAsync(string custId, string password = "a long enough password")
    {
        var signedUp = await PostAsync("/signup", await GetAsync("/signup"), ("custid", custId), ("password", password), ("confirm_password", password));
        Assert.That(signedUp.Status, Is.EqualTo(HttpStatusCode.Redirect), signedUp.Html);
        var created = await PostAsync("/account/tokens", await GetAsync("/account"), ("password", password));
        Assert.That(created.Status, Is.EqualTo(HttpStatusCode.Redirect), created.Html);
        var token = NewToken().Match((await GetAsync("/account")).Html).Groups[1].Value;
        Assert.That(token, Is.Not.Empty, "the account page shows the new API token");
        return token;
    }

    public void Dispose() => _client.Dispose();

    private async Task<Result> SendAsync(HttpRequestMessage request)
    {
        using (request)
        {
            if (_cookies.Count > 0)
            {
                request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
            }

            using var response = await _client.SendAsync(request);
            if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
            {
                foreach (var pair in setCookies.Select(c => c.Split(';')[0].Split('=', 2)))
                {
                    if (pair[1].Length == 0)
                    {
                        _cookies.Remove(pair[0]);
                    }
                    else
                    {
                        _cookies[pair[0]] = pair[1];
                    }
                }
            }

            return new Result(response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers.Location?.OriginalString);
        }
    }

    [GeneratedRegex("name=\"__csrf\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex Csrf();

    [GeneratedRegex("id=\"new-token\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex NewToken();

    [GeneratedRegex(@"/secret/([0-9a-z]{31})")]
    private static partial Regex SecretLink();
}
