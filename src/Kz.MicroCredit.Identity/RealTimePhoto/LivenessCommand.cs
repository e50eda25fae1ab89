namespace Kz.MicroCredit.Identity.RealTimePhoto;

/// <summary>An on-screen command of an active liveness check, chosen at random by the library (never by the provider or the client).</summary>
public enum LivenessCommand
{
    /// <summary>Turn the head to the left (<c>turn-left</c>).</summary>
    TurnLeft = 1,

    /// <summary>Turn the head to the right (<c>turn-right</c>).</summary>
    TurnRight = 2,

    /// <summary>Blink (<c>blink</c>).</summary>
    Blink = 3,

    /// <summary>Smile (<c>smile</c>).</summary>
    Smile = 4,

    /// <summary>Nod (<c>nod</c>).</summary>
    Nod = 5,

    /// <summary>Open the mouth (<c>open-mouth</c>).</summary>
    OpenMouth = 6,

    /// <summary>Look up (<c>look-up</c>).</summary>
    LookUp = 7,

    /// <summary>Look down (<c>look-down</c>).</summary>
    LookDown = 8,
}
