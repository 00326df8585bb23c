using System.Net.Http.Headers;
using System.Text;

namespace OneTimeSecret.Web.FunctionalTests.Compatibility;

/// <summary>
/// A curl command line from the API documentation, turned into the request curl would send (method, basic auth,
/// urlencoded data, path and query), so that examples can be sent exactly as written.
/// </summary>
public sealed record CurlExample(HttpMethod Method, string PathAndQuery, string? Credentials, string? Data)
{
    public static CurlExample Parse(string commandLine)
    {
        ArgumentNullException.ThrowIfNull(commandLine);
        var words = Split(commandLine.Trim().TrimStart('$').Trim());
        if (words.Count == 0 || words[0] != "curl")
        {
            throw new FormatException($"Not a curl command: {commandLine}");
        }

        string? method = null, credentials = null, data = null, url = null;
        for (var i = 1; i < words.Count; i++)
        {
            switch (words[i])
            {
                case "-X":
                    method = words[++i];
                    break;
                case "-u":
                    credentials = words[++i];
                    break;
                case "-d":
                    data = words[++i];
                    break;
                default:
                    url = words[i];
                    break;
            }
        }

        var uri = new Uri(url ?? throw new FormatException($"No URL in: {commandLine}"));
        var verb = new HttpMethod(method ?? (data is null ? "GET" : "POST"));
        return new CurlExample(verb, uri.PathAndQuery, credentials, data);
    }

    public CurlExample With(string placeholder, string value) => this with
    {
        PathAndQuery = PathAndQuery.Replace(placeholder, value, StringComparison.Ordinal),
        Data = Data?.Replace(placeholder, value, StringComparison.Ordinal),
    };

    public HttpRequestMessage ToRequest()
    {
        var request = new HttpRequestMessage(Method, PathAndQuery);
        if (Credentials is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(Credentials)));
        }

        if (Data is not null)
        {
            request.Content = new StringContent(Data, Encoding.UTF8, "application/x-www-form-urlencoded");
        }

        return request;
    }

    private static List<string> Split(string commandLine)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        foreach (var c in commandLine)
        {
            if (c == '\'')
            {
                quoted = !quoted;
            }
            else if (char.IsWhiteSpace(c) && !quoted)
            {
                if (current.Length > 0)
                {
                    words.Add(current.ToString());
                    current.Clear();
                }
            }
            else
            {
                current.Append(c);
            }
        }

        if (current.Length > 0)
        {
            words.Add(current.ToString());
        }

        return words;
    }
}
