using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Kz.MicroCredit.Identity.Biometrics;
using Xunit;

namespace Kz.MicroCredit.Identity.Tests.Biometrics;

/// <summary>Whatever CEID sends, the binding either parses it or throws <see cref="CeidProtocolException"/>.</summary>
public class DefaultCeidWireBindingPropertyTests
{
    private const string Valid = """{"sessionId":"ses_1","status":"completed","result":{"requestId":"r1","matchId":"m1","providerId":"p1","decision":"match","similarity":0.9,"liveness":{"passed":true},"referenceSource":"gbdfl","iin":"880912300763"}}""";

    private static readonly DefaultCeidWireBinding Binding = new();

    [Property(MaxTest = 300)]
    public void Random_bytes_only_ever_fail_as_protocol_errors(byte[] body) => AssertParsersContained(body);

    [Property(MaxTest = 500)]
    public void Mutated_valid_answers_only_ever_fail_as_protocol_errors(PositiveInt position, byte value, bool truncate)
    {
        byte[] body = Encoding.UTF8.GetBytes(Valid);
        int at = position.Get % body.Length;
        if (truncate)
        {
            body = body[..at];
        }
        else
        {
            body[at] = value;
        }

        AssertParsersContained(body);
    }

    [Property(MaxTest = 300)]
    public Property Signature_decoding_never_throws(string? header)
    {
        byte[]? mac = Binding.DecodeCallbackSignature(header);
        return (mac is null || mac.Length == 32).ToProperty();
    }

    [Fact]
    public void The_unmutated_answer_parses()
    {
        CeidSessionStatus status = Binding.ParseSessionStatus(Encoding.UTF8.GetBytes(Valid));
        Assert.Equal(CeidSessionState.Completed, status.State);
        Assert.Equal(0.9, status.Result!.Similarity);
    }

    private static void AssertParsersContained(byte[] body)
    {
        Contained(() => Binding.ParseMatchResponse(body));
        Contained(() => Binding.ParseSessionStatus(body));
        Contained(() => Binding.ParseSessionCreated(body));
        Contained(() => Binding.ParseCallback(body));
    }

    private static void Contained(Func<object> parse)
    {
        try
        {
            Assert.NotNull(parse());
        }
        catch (CeidProtocolException)
        {
        }
    }
}
