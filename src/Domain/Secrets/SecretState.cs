namespace OneTimeSecret.Domain.Secrets;

/// <summary>The life cycle of a secret, as the API names it.</summary>
public enum SecretState
{
    /// <summary>Created; nobody has looked at it yet.</summary>
    New = 0,

    /// <summary>The creator looked at the metadata; the secret is still unread.</summary>
    Viewed = 1,

    /// <summary>The recipient revealed the value; it is gone.</summary>
    Received = 2,

    /// <summary>The creator destroyed the secret before anyone read it.</summary>
    Burned = 3,

    /// <summary>The secret outlived its time to live without being read.</summary>
    Expired = 4,
}
