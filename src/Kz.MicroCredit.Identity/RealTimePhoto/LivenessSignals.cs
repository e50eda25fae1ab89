namespace Kz.MicroCredit.Identity.RealTimePhoto;

/// <summary>Device and injection signals a provider reports; <see langword="null"/> means not reported.</summary>
public sealed record LivenessSignals
{
    /// <summary>Gets whether a stream injection (deepfake or replayed video fed to the capture) was detected.</summary>
    public bool? InjectionDetected { get; init; }

    /// <summary>Gets whether a virtual camera was detected.</summary>
    public bool? VirtualCameraDetected { get; init; }

    /// <summary>Gets whether an emulator was detected.</summary>
    public bool? EmulatorDetected { get; init; }

    /// <summary>Gets whether a rooted or jailbroken device was detected.</summary>
    public bool? RootedDevice { get; init; }

    /// <summary>Gets whether remote-control software was detected.</summary>
    public bool? RemoteControlDetected { get; init; }

    /// <summary>Gets a value indicating whether any reported signal is positive.</summary>
    public bool AnyPositive => InjectionDetected == true || VirtualCameraDetected == true || EmulatorDetected == true || RootedDevice == true || RemoteControlDetected == true;
}
