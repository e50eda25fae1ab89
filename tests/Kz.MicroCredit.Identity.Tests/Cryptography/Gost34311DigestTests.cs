using System.Text;
using FsCheck.Xunit;
using Kz.MicroCredit.Identity.Cryptography;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Engines;
using Xunit;

namespace Kz.MicroCredit.Identity.Tests.Cryptography;

/// <summary>Our table-driven GOST 34.311-95 against BouncyCastle's Gost3411Digest with the D-TEST S-box.</summary>
public sealed class Gost34311DigestTests
{
    private static byte[] Reference(ReadOnlySpan<byte> data)
    {
        var digest = new Gost3411Digest(Gost28147Engine.GetSBox("D-TEST"));
        digest.BlockUpdate(data);
        byte[] result = new byte[32];
        digest.DoFinal(result, 0);
        return result;
    }

    private static byte[] Ours(ReadOnlySpan<byte> data)
    {
        var digest = new Gost34311Digest();
        digest.BlockUpdate(data);
        byte[] result = new byte[32];
        Assert.Equal(32, digest.DoFinal(result, 0));
        return result;
    }

    private static byte[] Pseudorandom(int length, int seed)
    {
        byte[] data = new byte[length];
        new Random(seed).NextBytes(data);
        return data;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(31)]
    [InlineData(32)]
    [InlineData(33)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(1000)]
    [InlineData(1024)]
    [InlineData(100_000)]
    public void Matches_bouncy_castle_d_test(int length)
    {
        byte[] data = Pseudorandom(length, length);
        Assert.Equal(Reference(data), Ours(data));
    }

    [Fact]
    public void Matches_bouncy_castle_on_all_ones_which_exercises_the_checksum_carry()
    {
        // 0xFF blocks make the 256-bit control sum carry across every word.
        byte[] data = new byte[32 * 5];
        Array.Fill(data, (byte)0xFF);
        Assert.Equal(Reference(data), Ours(data));
        data[0] = 0x01;
        Assert.Equal(Reference(data), Ours(data));
    }

    [Theory]
    [InlineData("", "ce85b99cc46752fffee35cab9a7b0278abb4c2d2055cff685af4912c49490f8d")]
    [InlineData("a", "d42c539e367c66e9c88a801f6649349c21871b4344c6a573f849fdce62f314dd")]
    [InlineData("message digest", "ad4434ecb18f2c99b60cbe59ec3d2469582b65273f48de72db2fde16a4889a4d")]
    [InlineData("The quick brown fox jumps over the lazy dog", "77b7fa410c9ac58a25f49bca7d0468c9296529315eaca76bd1a10f376d1f4294")]
    public void Matches_published_gost_r_34_11_94_test_parameter_vectors(string message, string expectedHex)
    {
        // Published GOST R 34.11-94 digests with the test parameter set (the "D-TEST" S-box).
        byte[] data = Encoding.ASCII.GetBytes(message);
        Assert.Equal(expectedHex, Convert.ToHexStringLower(Ours(data)));
        Assert.Equal(expectedHex, Convert.ToHexStringLower(Reference(data)));
    }

    [Fact]
    public void Incremental_updates_split_at_random_points_match_one_shot()
    {
        var random = new Random(3411);
        var digest = new Gost34311Digest();
        for (int round = 0; round < 200; round++)
        {
            byte[] data = Pseudorandom(random.Next(0, 700), round);
            int offset = 0;
            while (offset < data.Length)
            {
                int chunk = Math.Min(random.Next(0, 70), data.Length - offset);
                switch (random.Next(3))
                {
                    case 0:
                        digest.BlockUpdate(data, offset, chunk);
                        break;
                    case 1:
                        digest.BlockUpdate(data.AsSpan(offset, chunk));
                        break;
                    default:
                        for (int i = 0; i < chunk; i++)
                        {
                            digest.Update(data[offset + i]);
                        }

                        break;
                }

                offset += chunk;
            }

            byte[] result = new byte[32];
            digest.DoFinal(result.AsSpan());
            Assert.Equal(Reference(data), result);
        }
    }

    [Fact]
    public void Reset_and_do_final_leave_the_instance_reusable()
    {
        var digest = new Gost34311Digest();
        byte[] first = Pseudorandom(77, 1);
        byte[] second = Pseudorandom(45, 2);

        digest.BlockUpdate(first);
        byte[] h1 = new byte[32];
        digest.DoFinal(h1, 0);
        Assert.Equal(Reference(first), h1);

        digest.BlockUpdate(first.AsSpan(0, 40));
        digest.Reset();
        digest.BlockUpdate(second);
        byte[] h2 = new byte[40];
        Assert.Equal(32, digest.DoFinal(h2, 8));
        Assert.Equal(Reference(second), h2[8..]);

        digest.BlockUpdate(first);
        byte[] h3 = new byte[32];
        digest.DoFinal(h3, 0);
        Assert.Equal(h1, h3);
    }

    [Fact]
    public void Describes_itself_like_bouncy_castle_and_rejects_short_output()
    {
        var ours = new Gost34311Digest();
        var reference = new Gost3411Digest(Gost28147Engine.GetSBox("D-TEST"));
        Assert.Equal(reference.GetDigestSize(), ours.GetDigestSize());
        Assert.Equal(reference.GetByteLength(), ours.GetByteLength());
        Assert.Equal(reference.AlgorithmName, ours.AlgorithmName);
        Assert.Throws<ArgumentException>(() => ours.DoFinal(new byte[31].AsSpan()));
    }

    [Fact]
    public void Nca_digests_use_it_for_gost34311()
    {
        byte[] data = Pseudorandom(500, 9);
        Assert.IsType<Gost34311Digest>(NcaDigests.CreateBouncyDigest(NcaDigestAlgorithm.Gost34311));
        Assert.Equal(Reference(data), NcaDigests.Compute(NcaOids.Gost34311Digest, data));
        Assert.Equal(Reference(data), NcaDigests.Compute(NcaDigests.XmlGost34311, data));
    }

    [Property(MaxTest = 300)]
    public bool Random_byte_arrays_match_bouncy_castle(byte[] data) =>
        Reference(data).AsSpan().SequenceEqual(Ours(data));

    [Property(MaxTest = 200)]
    public bool Random_two_part_splits_match_bouncy_castle(byte[] data, byte split)
    {
        data ??= [];
        int at = data.Length == 0 ? 0 : split % (data.Length + 1);
        var digest = new Gost34311Digest();
        digest.BlockUpdate(data.AsSpan(0, at));
        digest.BlockUpdate(data.AsSpan(at));
        byte[] result = new byte[32];
        digest.DoFinal(result, 0);
        return Reference(data).AsSpan().SequenceEqual(result);
    }
}
