using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace OneTimeSecret.Infrastructure.Persistence;

/// <summary>Stores a <see cref="DateTimeOffset"/> as its UTC ticks, an integer that orders like the time.</summary>
internal sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    value => value.UtcTicks,
    ticks => new DateTimeOffset(ticks, TimeSpan.Zero));
