namespace OneTimeSecret.Application.Common.Interfaces;

/// <summary>
/// A budget of passphrase checks per client (address or account), taken before each bcrypt verification so that
/// guessing is slow and cannot exhaust the CPU.
/// </summary>
public interface IPassphraseAttemptLimiter
{
    bool TryAcquire(string clientId, out TimeSpan retryAfter);
}
