using FluentValidation;
using Mediator;
using Microsoft.Extensions.Options;
using OneTimeSecret.Application.Common.Exceptions;
using OneTimeSecret.Application.Common.Interfaces;
using OneTimeSecret.Application.Common.Models;
using OneTimeSecret.Application.Common.Options;
using OneTimeSecret.Application.Requests.Common;
using OneTimeSecret.Application.Secrets.Common;
using OneTimeSecret.Domain.Requests;
using OneTimeSecret.Domain.Secrets;

namespace OneTimeSecret.Application.Requests.Commands.CreateSecretRequest;

/// <summary>An account asks for a secret: anyone with the answer's request key may send it once.</summary>
/// <param name="TtlSeconds">How long the request stays open; <c>null</c> for the default, capped by the plan.</param>
/// <param name="SecretTtlSeconds">How long the answered secret lives; <c>null</c> for the default, capped by the plan.</param>
public sealed record CreateSecretRequestCommand(
    Requester Requester,
    string? Note,
    long? TtlSeconds,
    long? SecretTtlSeconds) : ICreatorCommand, ICommand<SecretRequestDto>;

public sealed class CreateSecretRequestCommandHandler(
    IApplicationDbContext db,
    ISecretCipher cipher,
    IKeyHasher keyHasher,
    IKeyGenerator keyGenerator,
    TimeProvider clock,
    IOptions<PlanOptions> planOptions,
    IOptions<SecretOptions> secretOptions) : ICommandHandler<CreateSecretRequestCommand, SecretRequestDto>
{
    public async ValueTask<SecretRequestDto> Handle(CreateSecretRequestCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.Requester.CustomerId is not { } customerId)
        {
            throw new NotAuthorizedException();
        }

        var limits = planOptions.Value.For(command.Requester.PlanId);
        var options = secretOptions.Value;
        var ttl = TtlPolicy.Effective(command.TtlSeconds, options.DefaultTtlSeconds, options.MinTtlSeconds, limits.MaxTtlSeconds);
        var secretTtl = TtlPolicy.Effective(command.SecretTtlSeconds, options.DefaultTtlSeconds, options.MinTtlSeconds, limits.MaxTtlSeconds);
        var now = clock.GetUtcNow();
        var id = Guid.CreateVersion7(now);
        var requestKey = keyGenerator.NewKey();
        var note = string.IsNullOrWhiteSpace(command.Note) ? null : command.Note;
        var request = SecretRequest.Create(
            id,
            requestKeyHash: keyHasher.Hash(requestKey),
            encryptedRequestKey: cipher.EncryptRequestKey(requestKey, customerId),
            customerId: customerId,
            encryptedNote: note is null ? null : cipher.EncryptRequestNote(note, id),
            ttlSeconds: ttl,
            secretTtlSeconds: secretTtl,
            now: now);
        db.SecretRequests.Add(request);
        await db.SaveChangesAsync(cancellationToken);
        return new SecretRequestDto
        {
            RequestKey = requestKey,
            State = request.State,
            Note = note ?? string.Empty,
            Ttl = ttl,
            SecretTtl = secretTtl,
            Created = now,
            Expires = request.ExpiresAt,
        };
    }
}

public sealed class CreateSecretRequestCommandValidator : AbstractValidator<CreateSecretRequestCommand>
{
    public CreateSecretRequestCommandValidator()
    {
        RuleFor(c => c.Note)
            .Must(n => n is null || n.EnumerateRunes().Count() <= SecretRequest.MaxNoteLength)
            .WithMessage($"Note must be no more than {SecretRequest.MaxNoteLength} characters long")
            .Must(n => n is null || !SecretInputRules.ContainsNul(n))
            .WithMessage("Note must not contain NUL characters")
            .Must(n => n is null || SecretInputRules.IsWellFormedText(n))
            .WithMessage("Note is not valid text");
    }
}
