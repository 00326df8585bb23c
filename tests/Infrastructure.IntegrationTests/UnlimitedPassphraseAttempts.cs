using OneTimeSecret.Application.Common.Interfaces;

namespace OneTimeSecret.Infrastructure.IntegrationTests;

/// <summary>
/// A per-client passphrase budget that never runs out, so that persistence behaviour is tested on its own.
/// </summary>
internal sealed class UnlimitedPassphraseAttempts : IPassphraseAttemptLimiter
{
    public bool TryAcquire(string clientId, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        return true;
    }
}
