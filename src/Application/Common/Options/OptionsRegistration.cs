using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace OneTimeSecret.Application.Common.Options;

/// <summary>How every layer registers its settings: bound from one configuration section, checked at start-up.</summary>
public static class OptionsRegistration
{
    /// <summary>
    /// Binds <typeparamref name="TOptions"/> to <paramref name="sectionName"/> and validates it when the host starts
    /// with <typeparamref name="TValidator"/>: the validator the options validation source generator writes for the
    /// class's data annotations (no reflection at start-up). Bad configuration then stops the start, and every failure
    /// names the setting (<c>Section:Key</c>).
    /// </summary>
    public static OptionsBuilder<TOptions> AddValidatedOptions<TOptions, TValidator>(this IServiceCollection services, string sectionName)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>, new()
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>>(
            new SettingNamingValidator<TOptions>(new TValidator(), sectionName)));
        return services.AddValidatedOptions<TOptions>(sectionName);
    }

    /// <summary>
    /// Binds <typeparamref name="TOptions"/> to <paramref name="sectionName"/> and reads it when the host starts, so a
    /// value the binder cannot convert stops the start. For options without rules of their own; further validators
    /// registered for the type run too.
    /// </summary>
    public static OptionsBuilder<TOptions> AddValidatedOptions<TOptions>(this IServiceCollection services, string sectionName)
        where TOptions : class =>
        services.AddOptions<TOptions>().BindConfiguration(sectionName).ValidateOnStart();

    /// <summary>
    /// Settings needed while services are being registered. A value that cannot be read gives the defaults here and is
    /// reported by the validation at start-up, which stops the host with a message naming the setting.
    /// </summary>
    public static T ReadOrDefault<T>(this IConfiguration configuration, string sectionName)
        where T : new()
    {
        ArgumentNullException.ThrowIfNull(configuration);
        try
        {
            return configuration.GetSection(sectionName).Get<T>() ?? new T();
        }
        catch (InvalidOperationException)
        {
            return new T();
        }
    }

    /// <summary>
    /// The generated validators say <c>Member: The field PlanOptions.Anonymous.Member must be ...</c>; operators set
    /// <c>Plans:Anonymous:Member</c> (or the environment variable <c>Plans__Anonymous__Member</c>), so that is what a
    /// failure names, once.
    /// </summary>
    private sealed class SettingNamingValidator<TOptions>(IValidateOptions<TOptions> inner, string sectionName) : IValidateOptions<TOptions>
        where TOptions : class
    {
        private static readonly Regex MemberPrefix = new(@"^[\w.]+(, [\w.]+)*: ", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

        private readonly Regex _propertyPath = new(
            $@"\b{Regex.Escape(typeof(TOptions).Name)}((\.\w+)+)",
            RegexOptions.CultureInvariant,
            TimeSpan.FromSeconds(1));

        public ValidateOptionsResult Validate(string? name, TOptions options)
        {
            var result = inner.Validate(name, options);
            return result.Failed ? ValidateOptionsResult.Fail(result.Failures!.Select(Name)) : result;
        }

        private string Name(string failure)
        {
            var named = _propertyPath.Replace(failure, match => sectionName + match.Groups[1].Value.Replace('.', ':'));
            return named.Contains(sectionName + ":", StringComparison.Ordinal)
                ? MemberPrefix.Replace(named, string.Empty)
                : $"{sectionName}:{named}";
        }
    }
}
