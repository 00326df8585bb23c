using Mediator;
using OneTimeSecret.Application.Common.Interfaces;

namespace OneTimeSecret.Application.Status.Queries.GetServiceStatus;

/// <summary>Whether the service can do its work right now (its database answers).</summary>
public sealed record GetServiceStatusQuery : IQuery<ServiceStatus>;

public sealed record ServiceStatus(bool DatabaseAvailable);

public sealed class GetServiceStatusQueryHandler(IDatabaseProbe probe) : IQueryHandler<GetServiceStatusQuery, ServiceStatus>
{
    public async ValueTask<ServiceStatus> Handle(GetServiceStatusQuery query, CancellationToken cancellationToken) =>
        new(await probe.CanConnectAsync(cancellationToken));
}
