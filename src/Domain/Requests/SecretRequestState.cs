namespace OneTimeSecret.Domain.Requests;

/// <summary>The life cycle of a request for a secret, as the API names it.</summary>
public enum SecretRequestState
{
    /// <summary>Waiting for someone with the link to send the secret.</summary>
    Open = 0,

    /// <summary>Someone sent the secret; it now belongs to the requester.</summary>
    Answered = 1,

    /// <summary>The requester withdrew the request before it was answered.</summary>
    Cancelled = 2,

    /// <summary>Nobody answered before the request's time to live ran out.</summary>
    Expired = 3,
}
