using System.Xml;

namespace Kz.MicroCredit.Identity.PhoneOwnership;

/// <summary>What is wrong with an XML input (never its content).</summary>
internal enum SmartBridgeXmlError
{
    Empty,
    TooLarge,
    Dtd,
    Malformed,
}
