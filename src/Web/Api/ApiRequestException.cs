namespace OneTimeSecret.Web.Api;

/// <summary>A request the API cannot read (bad encoding, duplicate parameters, too large, wrong content type).</summary>
public sealed class ApiRequestException : Exception
{
    public ApiRequestException()
    {
    }

    public ApiRequestException(string message)
        : base(message)
    {
        StatusCode = StatusCodes.Status400BadRequest;
    }

    public ApiRequestException(int statusCode, string message)
        : base(message)
    {
        StatusCode = statusCode;
    }

    public ApiRequestException(string message, Exception innerException)
        : base(message, innerException)
    {
        StatusCode = StatusCodes.Status400BadRequest;
    }

    public int StatusCode { get; } = StatusCodes.Status400BadRequest;
}
