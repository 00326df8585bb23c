using FluentValidation;
using OneTimeSecret.Application.Common.Exceptions;

namespace OneTimeSecret.Application.Common.Behaviours;

/// <summary>Exceptions that answer a client's mistake; they are not errors of the service.</summary>
internal static class ExpectedExceptions
{
    public static bool IsExpected(Exception exception) => exception is
        ValidationException or
        SecretNotFoundException or
        MetadataNotFoundException or
        SecretTooLargeException or
        NotAuthorizedException or
        ForbiddenException or
        ConflictException or
        RateLimitedException or
        OperationCanceledException;
}
