using System.Text.Json.Serialization;

namespace OneTimeSecret.Web.Api.V1.Wire;

/// <summary>
/// The one serializer of API v1: generated at build time (no reflection per request), used by the controllers'
/// output formatter (<see cref="WireFormatAttribute"/>), by the error writer, and by the OpenAPI document.
/// </summary>
[JsonSourceGenerationOptions(NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(MetadataAnswer))]
[JsonSerializable(typeof(GeneratedAnswer))]
[JsonSerializable(typeof(RecentEntry))]
[JsonSerializable(typeof(IReadOnlyList<RecentEntry>))]
[JsonSerializable(typeof(List<RecentEntry>))]
[JsonSerializable(typeof(RevealAnswer))]
[JsonSerializable(typeof(BurnAnswer))]
[JsonSerializable(typeof(StatusAnswer))]
[JsonSerializable(typeof(AccountAnswer))]
[JsonSerializable(typeof(ErrorAnswer))]
[JsonSerializable(typeof(ShareRequest))]
[JsonSerializable(typeof(GenerateRequest))]
[JsonSerializable(typeof(RevealRequest))]
[JsonSerializable(typeof(BurnRequest))]
[JsonSerializable(typeof(SecretRequestAnswer))]
[JsonSerializable(typeof(IReadOnlyList<SecretRequestAnswer>))]
[JsonSerializable(typeof(List<SecretRequestAnswer>))]
[JsonSerializable(typeof(RequestAnsweredAnswer))]
[JsonSerializable(typeof(CreateSecretRequestRequest))]
[JsonSerializable(typeof(AnswerSecretRequestRequest))]
public sealed partial class WireJsonContext : JsonSerializerContext;
