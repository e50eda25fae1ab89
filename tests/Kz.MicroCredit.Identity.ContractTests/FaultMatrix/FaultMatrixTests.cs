using Xunit;
using Xunit.Abstractions;

namespace Kz.MicroCredit.Identity.ContractTests.FaultMatrix;

// Every remote call × every fault of issue 14, on loopback. One class per service family so that xUnit runs the
// families in parallel; the table is printed per cell and written to fault-matrix.md next to the test assembly.

/// <summary>CEID: token, match, session.</summary>
public sealed class CeidFaultMatrixTests(ITestOutputHelper output)
{
    public static TheoryData<RemoteCall, Fault> Cells => FaultMatrixCells.For(RemoteCall.CeidToken, RemoteCall.CeidMatch, RemoteCall.CeidSession);

    [Theory]
    [MemberData(nameof(Cells))]
    public Task Never_verified_within_budget_and_cap(RemoteCall call, Fault fault) => FaultMatrixCells.RunAsync(call, fault, output);
}

/// <summary>SmartBridge: direct check and consent request.</summary>
public sealed class SmartBridgeFaultMatrixTests(ITestOutputHelper output)
{
    public static TheoryData<RemoteCall, Fault> Cells => FaultMatrixCells.For(RemoteCall.SmartBridgeDirect, RemoteCall.SmartBridgeConsent);

    [Theory]
    [MemberData(nameof(Cells))]
    public Task Never_verified_within_budget_and_cap(RemoteCall call, Fault fault) => FaultMatrixCells.RunAsync(call, fault, output);
}

/// <summary>Liveness vendor: start, result, match.</summary>
public sealed class LivenessFaultMatrixTests(ITestOutputHelper output)
{
    public static TheoryData<RemoteCall, Fault> Cells => FaultMatrixCells.For(RemoteCall.LivenessStart, RemoteCall.LivenessResult, RemoteCall.LivenessMatch);

    [Theory]
    [MemberData(nameof(Cells))]
    public Task Never_verified_within_budget_and_cap(RemoteCall call, Fault fault) => FaultMatrixCells.RunAsync(call, fault, output);
}

/// <summary>OCSP and CRL.</summary>
public sealed class RevocationFaultMatrixTests(ITestOutputHelper output)
{
    public static TheoryData<RemoteCall, Fault> Cells => FaultMatrixCells.For(RemoteCall.Ocsp, RemoteCall.Crl);

    [Theory]
    [MemberData(nameof(Cells))]
    public Task Never_verified_within_budget_and_cap(RemoteCall call, Fault fault) => FaultMatrixCells.RunAsync(call, fault, output);
}

/// <summary>The time-stamp authority.</summary>
public sealed class TsaFaultMatrixTests(ITestOutputHelper output)
{
    public static TheoryData<RemoteCall, Fault> Cells => FaultMatrixCells.For(RemoteCall.Tsa);

    [Theory]
    [MemberData(nameof(Cells))]
    public Task Never_verified_within_budget_and_cap(RemoteCall call, Fault fault) => FaultMatrixCells.RunAsync(call, fault, output);
}
