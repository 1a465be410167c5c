namespace Genie.Server.Tests.Executors.Airflow;

/// <summary>What the fake Airflow makes of a request's bearer token; Airflow answers 401, 403 or 401 "Token Expired".</summary>
internal enum FakeTokenCheck
{
    Valid,
    Missing,
    Invalid,
    Expired,
}
