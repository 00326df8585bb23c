using OneTimeSecret.Domain.Secrets;

namespace OneTimeSecret.Application.Common.Interfaces;

/// <summary>
/// The one-time answer of a request for a secret: exactly one caller wins an open request, under any concurrency and
/// on any number of instances (docs/decisions/0015-requests-answered-once.md).
/// </summary>
public interface ISecretRequestAnswers
{
    /// <summary>
    /// In one transaction: closes the request if it is still answerable (one conditional UPDATE, checked by its
    /// affected rows), stores <paramref name="secret"/> and counts it for the requester. False, with nothing stored,
    /// when another caller answered first or the request is no longer open.
    /// </summary>
    Task<bool> TryAnswerAsync(Guid requestId, Secret secret, DateTimeOffset now, CancellationToken cancellationToken);
}
