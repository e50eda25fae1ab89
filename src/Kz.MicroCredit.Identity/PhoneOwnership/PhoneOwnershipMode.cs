using System.Security.Cryptography.X509Certificates;
using Kz.MicroCredit.Identity.Eds;
using Kz.MicroCredit.Identity.Signing;

namespace Kz.MicroCredit.Identity.PhoneOwnership;

/// <summary>How the phone-ownership check proves the IIN↔number link.</summary>
public enum PhoneOwnershipMode
{
    /// <summary>A direct check service: IIN + number → registered / not registered / registered to another IIN.</summary>
    Direct,

    /// <summary>The КДП consent flow: a 1414 one-time code to the number registered in the mobile-citizens database.</summary>
    Consent,
}
