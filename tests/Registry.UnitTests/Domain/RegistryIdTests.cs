using Registry.Web.Domain.Professionals;

namespace Registry.UnitTests.Domain;

public sealed class RegistryIdTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1234567)]
    [InlineData(9_999_999)]
    public void A_new_id_is_eight_digits_that_validate(int serial)
    {
        var id = RegistryId.FromSerial(serial);

        Assert.Equal(RegistryId.Length, id.Length);
        Assert.Equal(id, RegistryId.Normalize(id));
        Assert.Equal(id, RegistryId.Normalize(RegistryId.Format(id)));
        Assert.Equal(id, RegistryId.Normalize(id[..4] + "-" + id[4..]));
    }

    [Fact]
    public void A_mistyped_digit_is_caught()
    {
        var id = RegistryId.FromSerial(1234567);
        for (var position = 0; position < id.Length; position++)
        {
            var wrong = id.ToCharArray();
            wrong[position] = (char)('0' + ((wrong[position] - '0' + 1) % 10));
            Assert.Null(RegistryId.Normalize(new string(wrong)));
        }
    }

    [Fact]
    public void Two_swapped_digits_are_caught()
    {
        var id = RegistryId.FromSerial(1234567);
        var swapped = id[1].ToString() + id[0] + id[2..];

        Assert.Null(RegistryId.Normalize(swapped));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("1234567")]
    [InlineData("ABCDEFGH")]
    public void Refuses_what_is_not_a_registry_id(string? input) => Assert.Null(RegistryId.Normalize(input));
}
