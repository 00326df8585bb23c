namespace OneTimeSecret.Web.Api.V1.Documentation;

/// <summary>
/// Names the documentation type of the parameters an action reads through <see cref="ApiParameters"/>, so that the
/// OpenAPI document can describe them as a form, multipart or JSON body.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ApiRequestAttribute(Type parametersType) : Attribute
{
    public Type ParametersType { get; } = parametersType;
}
