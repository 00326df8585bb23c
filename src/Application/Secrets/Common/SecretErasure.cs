using Microsoft.EntityFrameworkCore;
using OneTimeSecret.Domain.Secrets;

namespace OneTimeSecret.Application.Secrets.Common;

/// <summary>
/// "Erase into a state at a time" as one set-based update: the twin of <see cref="Secret.EraseInto"/> for rows that are
/// not tracked. The caller's filter decides which rows qualify (usually <see cref="Secret.RevealableAt"/>); the update
/// re-checks it on the row itself, so under concurrency exactly one caller changes a row. Returns the rows changed.
/// </summary>
public static class SecretErasure
{
    public static Task<int> EraseIntoAsync(
        this IQueryable<Secret> rows,
        SecretState state,
        DateTimeOffset now,
        CancellationToken cancellationToken,
        bool byFailedPassphrases = false)
    {
        ArgumentNullException.ThrowIfNull(rows);
        Secret.EnsureErasureState(state, byFailedPassphrases);
        return rows.ExecuteUpdateAsync(
            set =>
            {
                set.SetProperty(s => s.Ciphertext, (byte[]?)null)
                    .SetProperty(s => s.PassphraseHash, (string?)null)
                    .SetProperty(s => s.State, state);
                if (state == SecretState.Expired)
                {
                    set.SetProperty(s => s.UpdatedAt, s => s.SecretExpiresAt);
                }
                else
                {
                    set.SetProperty(s => s.UpdatedAt, now);
                }

                if (state == SecretState.Received)
                {
                    set.SetProperty(s => s.ReceivedAt, now)
                        .SetProperty(s => s.EncryptedSecretKey, Array.Empty<byte>());
                }

                if (state == SecretState.Burned)
                {
                    set.SetProperty(s => s.BurnedAt, now)
                        .SetProperty(s => s.DestroyedByFailedPassphrases, byFailedPassphrases);
                }
            },
            cancellationToken);
    }
}
