using OneTimeSecret.Domain.Requests;

namespace OneTimeSecret.Application.Requests.Common;

/// <summary>What the requester may know about one of its requests; once answered, the keys of the answered secret.</summary>
public sealed record SecretRequestDto
{
    public required string RequestKey { get; init; }

    public required SecretRequestState State { get; init; }

    /// <summary>The note for the sender; empty without one.</summary>
    public required string Note { get; init; }

    public required long Ttl { get; init; }

    public required long SecretTtl { get; init; }

    public required DateTimeOffset Created { get; init; }

    public required DateTimeOffset Expires { get; init; }

    public DateTimeOffset? Answered { get; init; }

    /// <summary>The answered secret's metadata key (only in state answered, while its metadata lives).</summary>
    public string? MetadataKey { get; init; }

    /// <summary>The answered secret's key; <c>null</c> once it was revealed (its key is erased with the value).</summary>
    public string? SecretKey { get; init; }
}

/// <summary>What the sender's page shows: who asks, and why.</summary>
/// <param name="RequesterName">The requester's account name (its custid, usually an email address).</param>
/// <param name="RequesterConfirmed">
/// Whether the server vouches for that name: the account confirmed its address through the mailed link, or the
/// operator made it on the command line. Otherwise the name is only what someone typed on the sign-up page.
/// </param>
public sealed record RequestFormDto(string RequesterName, bool RequesterConfirmed, string Note);
