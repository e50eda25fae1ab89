using System.Text;

namespace Kz.MicroCredit.Identity.ContractTests.FaultMatrix;

/// <summary>Answer bodies shared by the matrix and the defect tests.</summary>
internal static class FaultMatrixBodies
{
    public static FaultBehaviour CeidToken() =>
        new FaultBehaviour.Answer(200, "application/json", """{"access_token":"tok-1","token_type":"Bearer","expires_in":300}"""u8.ToArray());

    /// <summary>A JSON value nested <paramref name="depth"/> levels deep.</summary>
    public static byte[] DeepJson(int depth) => Encoding.ASCII.GetBytes(new string('[', depth) + new string(']', depth));

    /// <summary>An XML element nested <paramref name="depth"/> levels deep.</summary>
    public static byte[] DeepXml(int depth)
    {
        var sb = new StringBuilder("<?xml version=\"1.0\"?>");
        for (int i = 0; i < depth; i++)
        {
            sb.Append("<a>");
        }

        for (int i = 0; i < depth; i++)
        {
            sb.Append("</a>");
        }

        return Encoding.ASCII.GetBytes(sb.ToString());
    }

    /// <summary>DER SEQUENCEs nested <paramref name="depth"/> levels deep (definite lengths, innermost empty).</summary>
    public static byte[] DeepDer(int depth)
    {
        byte[] current = [];
        for (int i = 0; i < depth; i++)
        {
            current = [0x30, .. Length(current.Length), .. current];
        }

        return current;
    }

    /// <summary>The DER encoding of a length.</summary>
    public static byte[] Length(int length) => length switch
    {
        < 0x80 => [(byte)length],
        < 0x100 => [0x81, (byte)length],
        < 0x10000 => [0x82, (byte)(length >> 8), (byte)length],
        < 0x1000000 => [0x83, (byte)(length >> 16), (byte)(length >> 8), (byte)length],
        _ => [0x84, (byte)(length >> 24), (byte)(length >> 16), (byte)(length >> 8), (byte)length],
    };

    /// <summary>Cuts a body in half (a truncated answer with an honest Content-Length).</summary>
    public static byte[] Truncate(byte[] body) => body[..(body.Length / 2)];
}
