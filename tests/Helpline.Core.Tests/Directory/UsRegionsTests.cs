using Helpline.Core.Directory;

namespace Helpline.Core.Tests.Directory;

public class UsRegionsTests
{
    [Theory]
    [InlineData("79901", "TX")]   // El Paso
    [InlineData("88510", "TX")]   // El Paso PO boxes
    [InlineData("85001", "AZ")]
    [InlineData("92101", "CA")]
    [InlineData("87101", "NM")]
    [InlineData("10001", "other")]
    [InlineData("tx", "TX")]
    [InlineData("AZ", "AZ")]
    [InlineData("Texas", "TX")]
    [InlineData("nuevo méxico", "NM")]
    [InlineData("new york", "NY")]
    public void Parse_ZipAbbreviationOrName_GivesTheState(string typed, string expected) =>
        Assert.Equal(expected, UsRegions.Parse(typed));

    [Theory]
    [InlineData("zz")]
    [InlineData("hello there")]
    [InlineData("1234")]
    public void Parse_NotAPlace_IsNull(string typed) => Assert.Null(UsRegions.Parse(typed));
}
