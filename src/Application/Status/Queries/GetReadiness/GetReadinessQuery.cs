using Mediator;
using OneTimeSecret.Application.Common.Interfaces;

namespace OneTimeSecret.Application.Status.Queries.GetReadiness;

/// <summary>Whether this instance may take traffic: its database answers and its schema is up to date.</summary>
public sealed record GetReadinessQuery : IQuery<Readiness>;

public sealed record Readiness(bool DatabaseAvailable, bool SchemaUpToDate)
{
    public bool IsReady => DatabaseAvailable && SchemaUpToDate;
}

public sealed class GetReadinessQueryHandler(IDatabaseProbe probe) : IQueryHandler<GetReadinessQuery, Readiness>
{
    public async ValueTask<Readiness> Handle(GetReadinessQuery query, CancellationToken cancellationToken)
    {
        if (!await probe.CanConnectAsync(cancellationToken))
        {
            return new Readiness(DatabaseAvailable: false, SchemaUpToDate: false);
        }

        return new Readiness(DatabaseAvailable: true, await probe.IsSchemaUpToDateAsync(cancellationToken));
    }
}
