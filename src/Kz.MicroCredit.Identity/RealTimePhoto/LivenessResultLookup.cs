namespace Kz.MicroCredit.Identity.RealTimePhoto;

/// <summary>What an <see cref="ILivenessResultStore"/> holds for one provider session.</summary>
/// <param name="Result">The applied result, or <see langword="null"/> when no webhook arrived.</param>
/// <param name="Conflicted">Whether two final results disagreed (the session is then Indeterminate).</param>
internal readonly record struct LivenessResultLookup(LivenessResult? Result, bool Conflicted);
