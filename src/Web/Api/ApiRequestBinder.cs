using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Options;
using OneTimeSecret.Web.Common;

namespace OneTimeSecret.Web.Api;

/// <summary>A request record of the API, filled from the parameters the strict reader found.</summary>
public interface IApiRequest<out TSelf>
    where TSelf : IApiRequest<TSelf>
{
    static abstract TSelf From(ApiParameters parameters);
}

/// <summary>
/// Binds an API request record: reads the query string and the body with <see cref="ApiParameters"/> (within the
/// configured body size), then lets the record take the parameters it names.
/// </summary>
public sealed class ApiRequestBinder<TRequest>(IOptions<AppOptions> options) : IModelBinder
    where TRequest : IApiRequest<TRequest>
{
    public async Task BindModelAsync(ModelBindingContext bindingContext)
    {
        ArgumentNullException.ThrowIfNull(bindingContext);
        var http = bindingContext.HttpContext;
        var parameters = await ApiParameters.ReadAsync(http.Request, options.Value.MaxRequestBodyBytes, http.RequestAborted);
        bindingContext.Result = ModelBindingResult.Success(TRequest.From(parameters));
    }
}
