using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace OneTimeSecret.Application.Common.Options;

/// <summary>The purge of expired secrets and metadata, from the <c>Purge</c> configuration section.</summary>
public sealed class PurgeOptions
{
    public const string SectionName = "Purge";

    /// <summary>Whether the background job runs (the purge command itself can always be sent).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Seconds between two runs of the purge job.</summary>
    [Range(1, 24 * 3600)]
    public int IntervalSeconds { get; set; } = 60;

    /// <summary>Rows changed by one statement, so that no statement holds locks for long.</summary>
    [Range(1, 100_000)]
    public int BatchSize { get; set; } = 500;

    /// <summary>
    /// PostgreSQL only: after a run, rewrite the secrets table (<c>VACUUM FULL</c>) instead of only vacuuming it, when
    /// rows were updated or deleted since its last rewrite. A plain vacuum frees an erased row version's space without
    /// overwriting it, so a file-level copy of the data folder could still hold pieces of a revealed value (and its
    /// encrypted secret key) until the space is reused; the rewrite leaves none in the table's files, at the price of an
    /// exclusive lock on the table while it runs (requests that touch a secret wait), which grows with the table. On by
    /// default; see <see cref="RewriteMaxTableMegabytes"/> and docs/security.md.
    /// </summary>
    public bool RewriteSecretsTable { get; set; } = true;

    /// <summary>
    /// PostgreSQL only: above this size (the secrets table with its TOAST data, without indexes) the purge only vacuums
    /// and logs a warning once, so that the rewrite's lock never grows past a fraction of a second on a large table.
    /// </summary>
    [Range(1, 1_000_000)]
    public int RewriteMaxTableMegabytes { get; set; } = 32;
}

/// <summary>The data-annotation checks of <see cref="PurgeOptions"/>, written by the options validation source generator.</summary>
[OptionsValidator]
internal sealed partial class PurgeOptionsAnnotationValidator : IValidateOptions<PurgeOptions>;
