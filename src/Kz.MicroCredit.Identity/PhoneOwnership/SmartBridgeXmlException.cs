using System.Xml;

namespace Kz.MicroCredit.Identity.PhoneOwnership;

/// <summary>A SmartBridge XML input could not be parsed; the message names the problem, never the input.</summary>
internal sealed class SmartBridgeXmlException : Exception
{
    public SmartBridgeXmlException(SmartBridgeXmlError error, Exception? inner = null)
        : base($"The XML input is unusable: {error}.", inner) => Error = error;

    public SmartBridgeXmlError Error { get; }
}
