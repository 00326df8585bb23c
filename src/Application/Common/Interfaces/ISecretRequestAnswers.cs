using OneTimeSecret.Domain.Notifications;
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
    /// affected rows), stores <paramref name="secret"/>, counts it for the requester and puts <paramref name="email"/>
    /// (the requester's notice, if any) into the outbox. False, with nothing stored, when another caller answered
    /// first or the request is no longer open.
    /// </summary>
    Task<bool> TryAnswerAsync(Guid requestId, Secret secret, EmailNotification? email, DateTimeOffset now, CancellationToken cancellationToken);
}
