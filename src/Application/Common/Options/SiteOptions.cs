using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace OneTimeSecret.Application.Common.Options;

/// <summary>
/// The site's name as emails show it, from <c>App:SiteName</c>. The web layer reads the same setting for its pages;
/// the Application reads it here because it writes the emails and knows nothing of the web layer.
/// </summary>
public sealed class SiteOptions
{
    public const string SectionName = "App";

    [Required]
    [StringLength(100, MinimumLength = 1)]
    public string SiteName { get; set; } = "Onetime Secret";
}

/// <summary>The data-annotation checks of <see cref="SiteOptions"/>, written by the options validation source generator.</summary>
[OptionsValidator]
internal sealed partial class SiteOptionsAnnotationValidator : IValidateOptions<SiteOptions>;
