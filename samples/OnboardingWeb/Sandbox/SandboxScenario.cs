namespace OnboardingWeb.Sandbox;

/// <summary>
/// What the sandbox makes happen to one borrower, chosen on the start page (sandbox panel), with <c>?scenario=</c> on the
/// start page, or with the configuration value <c>Sandbox:Scenario</c> (the default for the panel).
/// </summary>
public enum SandboxScenario
{
    /// <summary>Every service answers well: the phone is the borrower's, the face matches, liveness passes.</summary>
    Happy = 0,

    /// <summary>The mobile operator has the phone registered to another IIN: the phone check vetoes.</summary>
    PhoneOtherIin = 1,

    /// <summary>The liveness vendor answers 503 to everything about this borrower: an outage, never a rejection.</summary>
    LivenessDown = 2,

    /// <summary>KCMR CEID finds no match between the live photo and the state reference photo.</summary>
    FaceNoMatch = 3,
}

/// <summary>The scenario names used in query strings, forms and configuration.</summary>
public static class SandboxScenarioNames
{
    private static readonly (SandboxScenario Scenario, string Name, string Description)[] All =
    [
        (SandboxScenario.Happy, "happy", "everything passes"),
        (SandboxScenario.PhoneOtherIin, "phone-other-iin", "the phone is registered to another IIN (rejection)"),
        (SandboxScenario.LivenessDown, "liveness-down", "the liveness vendor is down (try again later)"),
        (SandboxScenario.FaceNoMatch, "face-no-match", "CEID: the face does not match (rejection)"),
    ];

    /// <summary>Gets every scenario with its name and a description for the sandbox panel.</summary>
    public static IReadOnlyList<(SandboxScenario Scenario, string Name, string Description)> Scenarios => All;

    /// <summary>Gets the name of a scenario.</summary>
    /// <param name="scenario">The scenario.</param>
    /// <returns>The name.</returns>
    public static string NameOf(SandboxScenario scenario) => All.First(s => s.Scenario == scenario).Name;

    /// <summary>Reads a scenario name.</summary>
    /// <param name="name">The name (case-insensitive).</param>
    /// <param name="scenario">The scenario.</param>
    /// <returns>Whether the name is known.</returns>
    public static bool TryParse(string? name, out SandboxScenario scenario)
    {
        foreach ((SandboxScenario s, string n, _) in All)
        {
            if (string.Equals(n, name?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                scenario = s;
                return true;
            }
        }

        scenario = SandboxScenario.Happy;
        return false;
    }
}
