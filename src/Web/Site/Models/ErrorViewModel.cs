namespace OneTimeSecret.Web.Site.Models;

public enum ErrorKind
{
    /// <summary>An error named by its HTTP status.</summary>
    Status,

    /// <summary>A secret that is unknown, already read, burned or expired (all look the same to the recipient).</summary>
    SecretNotFound,

    /// <summary>
    /// The creator's page of a secret whose metadata is unknown or gone (it lives twice as long as the secret, then is
    /// purged): the reader holds a creator's link, so the page speaks to the creator.
    /// </summary>
    MetadataNotFound,
}

public sealed record ErrorViewModel(int Status, string Title, string Message)
{
    public static ErrorViewModel For(int status, ErrorKind kind) => (status, kind) switch
    {
        (_, ErrorKind.SecretNotFound) => new(
            status,
            "Not found or already viewed",
            "This secret does not exist, or it has already been viewed, burned, or it expired. A secret can be viewed only once; ask its sender for a new link."),
        (_, ErrorKind.MetadataNotFound) => new(
            status,
            "This secret's page is gone",
            "There is no record of a secret at this address. A secret's page is kept twice as long as the secret itself and then deleted; or the address is incomplete. If the recipient still needs it, share the secret again."),
        (StatusCodes.Status400BadRequest, _) => new(
            status,
            "That did not work",
            "The form could not be accepted: it may have expired or come from another site. Go back, reload the page and try again."),
        (StatusCodes.Status403Forbidden, _) => new(status, "Not allowed", "Your plan or this server's settings do not allow that."),
        (StatusCodes.Status404NotFound, _) => new(status, "Page not found", "There is no page at this address."),
        (StatusCodes.Status405MethodNotAllowed, _) => new(status, "Not allowed here", "This page cannot be used that way. Start again from the home page."),
        (StatusCodes.Status413PayloadTooLarge, _) => new(status, "Too large", "What you sent is larger than this server accepts."),
        (StatusCodes.Status429TooManyRequests, _) => new(status, "Too many attempts", "You have tried this too often. Please wait a few minutes and try again."),
        (StatusCodes.Status503ServiceUnavailable, _) => new(status, "Temporarily unavailable", "The service cannot reach its database right now. Please try again in a moment."),
        _ when status >= 500 => new(status, "Something went wrong", "The server could not complete this request. Nothing was revealed; please try again."),
        _ => new(status, "That did not work", "The request could not be completed."),
    };
}
