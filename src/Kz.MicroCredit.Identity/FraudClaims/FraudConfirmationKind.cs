namespace Kz.MicroCredit.Identity.FraudClaims;

/// <summary>The kind of document that confirms a fraud.</summary>
public enum FraudConfirmationKind
{
    /// <summary>A resolution recognising the claimant as a victim (Criminal Procedure Code of the RK, art. 71).</summary>
    VictimRecognition = 1,

    /// <summary>A representation of the investigator or prosecutor on eliminating the circumstances that enabled the offence (CPC art. 200).</summary>
    Representation = 2,

    /// <summary>A court decision.</summary>
    CourtDecision = 3,
}
