namespace Kz.MicroCredit.Identity.Placeholders;

/// <summary>Removed as soon as this project gets its first real test.</summary>
internal static class PlaceholderRedisTests;
