using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using OneTimeSecret.Application.Common.Interfaces;

namespace OneTimeSecret.Application.Customers.Commands.VerifyEmail;

/// <summary>
/// Confirms an account's address with the token from its verification email: once only (the token is spent), and
/// only before it expires. Answers whether it worked; a wrong, spent or expired token changes nothing.
/// </summary>
public sealed record VerifyEmailCommand(string Token) : ICommand<bool>;

public sealed class VerifyEmailCommandHandler(IApplicationDbContext db, IKeyHasher keyHasher, TimeProvider clock)
    : ICommandHandler<VerifyEmailCommand, bool>
{
    public async ValueTask<bool> Handle(VerifyEmailCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var now = clock.GetUtcNow();
        var hash = keyHasher.Hash(command.Token);

        // One conditional statement: of two requests with the same token, one confirms and the other finds it spent.
        var confirmed = await db.Customers
            .Where(c => c.EmailVerificationTokenHash == hash && c.EmailVerificationExpiresAt > now)
            .ExecuteUpdateAsync(
                set => set
                    .SetProperty(c => c.EmailVerifiedAt, (DateTimeOffset?)now)
                    .SetProperty(c => c.EmailVerificationTokenHash, (byte[]?)null)
                    .SetProperty(c => c.EmailVerificationExpiresAt, (DateTimeOffset?)null)
                    .SetProperty(c => c.UpdatedAt, now),
                cancellationToken);
        return confirmed == 1;
    }
}

public sealed class VerifyEmailCommandValidator : AbstractValidator<VerifyEmailCommand>
{
    public VerifyEmailCommandValidator() =>
        RuleFor(c => c.Token).NotEmpty().MaximumLength(100).Matches("^[0-9a-z]+$").WithMessage("Unknown or expired link");
}
