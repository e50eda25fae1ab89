namespace Kz.MicroCredit.Identity.Testing.SigningChannels;

/// <summary>How the <see cref="NcaLayerEmulator"/> behaves.</summary>
public enum NcaLayerEmulatorMode
{
    /// <summary>Signs every request with the configured key.</summary>
    Sign,

    /// <summary>Answers every signing request as NCALayer does when the borrower closes the dialog.</summary>
    CancelledByUser,

    /// <summary>Refuses WebSocket connections, as a machine without NCALayer running does.</summary>
    NotRunning,
}
