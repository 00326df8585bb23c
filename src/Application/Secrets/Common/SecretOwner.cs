using Microsoft.EntityFrameworkCore;
using OneTimeSecret.Application.Common.Interfaces;
using OneTimeSecret.Domain.Customers;
using OneTimeSecret.Domain.Secrets;

namespace OneTimeSecret.Application.Secrets.Common;

/// <summary>
/// The custid a secret's answers show for its creator. A secret row holds only the account's id, so the address an
/// account signs in with is stored once, in the account, and a copy of the secrets table does not list it.
/// </summary>
internal static class SecretOwner
{
    public static async Task<string> CustIdAsync(IApplicationDbContext db, Secret secret, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (secret.CustomerId is not { } customerId)
        {
            return Customer.AnonymousCustId;
        }

        // An account is never deleted while its secrets live; "anon" would only hide a row left by hand.
        return await db.Customers.AsNoTracking().Where(c => c.Id == customerId).Select(c => c.CustId).SingleOrDefaultAsync(cancellationToken)
            ?? Customer.AnonymousCustId;
    }
}
