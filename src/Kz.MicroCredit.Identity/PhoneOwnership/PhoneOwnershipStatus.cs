namespace Kz.MicroCredit.Identity.PhoneOwnership;

/// <summary>What a phone-ownership service said.</summary>
internal enum PhoneOwnershipStatus
{
    /// <summary>Unknown or unusable answer.</summary>
    Unknown,

    /// <summary>The number is registered to the IIN.</summary>
    Registered,

    /// <summary>The number is not registered at all.</summary>
    NotRegistered,

    /// <summary>The number is registered to another IIN.</summary>
    RegisteredToAnotherIin,

    /// <summary>The IIN has another number registered (the declared one is not the registered one).</summary>
    IinHasAnotherNumber,

    /// <summary>The one-time code of the consent flow was wrong.</summary>
    ConsentCodeInvalid,
}
