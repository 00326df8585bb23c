using Mediator;

namespace OneTimeSecret.Application.UnitTests.Common.Behaviours;

/// <summary>A message for the behaviours to handle; its <see cref="Payload"/> stands for a secret.</summary>
public sealed record PingCommand(string Name, string Payload) : ICommand<string>;
