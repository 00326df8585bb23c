using FluentValidation;
using Mediator;
using OneTimeSecret.Web.Common;

// Deliberate breaches of the architecture rules. The rules are also run on this assembly, where they must fail for
// exactly these types: proof that each rule can fail at all.
namespace OneTimeSecret.Architecture.Tests.CounterExamples;

/// <summary>Depends on Web, as no other layer may.</summary>
public sealed class DependsOnWeb
{
    public PublicUrls? Urls { get; init; }
}

/// <summary>A command that is a class, not a record, outside any feature folder.</summary>
public sealed class NotARecordCommand : ICommand<int>
{
    public int Value { get; init; }
}

/// <summary>A query that is a record but is not named <c>*Query</c>.</summary>
public sealed record MisnamedRequest(int Value) : IQuery<int>;

/// <summary>A handler that is not sealed.</summary>
public class NotARecordCommandHandler : ICommandHandler<NotARecordCommand, int>
{
    public ValueTask<int> Handle(NotARecordCommand command, CancellationToken cancellationToken) =>
        ValueTask.FromResult(command?.Value ?? 0);
}

/// <summary>A handler whose name does not follow its message's.</summary>
public sealed class SomethingElse : IQueryHandler<MisnamedRequest, int>
{
    public ValueTask<int> Handle(MisnamedRequest query, CancellationToken cancellationToken) =>
        ValueTask.FromResult(query?.Value ?? 0);
}

/// <summary>A validator whose name does not follow its command's.</summary>
public sealed class StrayValidator : AbstractValidator<NotARecordCommand>;
