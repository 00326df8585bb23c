namespace OneTimeSecret.Application.Common.Models;

/// <summary>
/// A command that creates something for its requester (a secret, a generated password, a request for a secret):
/// <see cref="Behaviours.CreatorSignInBehaviour{TMessage, TResponse}"/> refuses it to anonymous callers when
/// <c>Secrets:CreatorsMustSignIn</c> is on.
/// </summary>
public interface ICreatorCommand
{
    Requester Requester { get; }
}
