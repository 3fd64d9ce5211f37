package dev.ddbbackup.core.codec;

import static dev.ddbbackup.core.codec.TestItems.b;
import static dev.ddbbackup.core.codec.TestItems.bool;
import static dev.ddbbackup.core.codec.TestItems.bs;
import static dev.ddbbackup.core.codec.TestItems.bytes;
import static dev.ddbbackup.core.codec.TestItems.item;
import static dev.ddbbackup.core.codec.TestItems.l;
import static dev.ddbbackup.core.codec.TestItems.m;
import static dev.ddbbackup.core.codec.TestItems.n;
import static dev.ddbbackup.core.codec.TestItems.ns;
import static dev.ddbbackup.core.codec.TestItems.nul;
import static dev.ddbbackup.core.codec.TestItems.s;
import static dev.ddbbackup.core.codec.TestItems.ss;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class ItemEquivalenceTest {

    @ParameterizedTest
    @CsvSource({
        "1E+3, 1000",
        "1.50, 1.5",
        "-0, 0",
        "0.000, 0E+5",
        "1e3, 1000.000",
        "-1.5e-130, -0.00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000015",
        "+5, 5",
        "007, 7",
    })
    void equivalent_whenNumbersAreNumericallyEqual_isTrue(String a, String b) {
        assertThat(ItemEquivalence.equivalent(n(a), n(b))).isTrue();
        assertThat(n(a)).isNotEqualTo(n(b));
    }

    @ParameterizedTest
    @CsvSource({
        "1E+3, 1001",
        "1.5, 1.51",
        "-1, 1",
        "12345678901234567890123456789012345678, 12345678901234567890123456789012345679",
        "not-a-number, 0",
    })
    void equivalent_whenNumbersDiffer_isFalse(String a, String b) {
        assertThat(ItemEquivalence.equivalent(n(a), n(b))).isFalse();
    }

    @Test
    void equivalent_whenNumberDoesNotParse_comparesItsText() {
        assertThat(ItemEquivalence.equivalent(n("abc"), n("abc"))).isTrue();
        assertThat(ItemEquivalence.equivalent(n("abc"), n("abd"))).isFalse();
    }

    @Test
    void equivalent_whenNumberScaleWouldOverflow_comparesItsText() {
        assertThat(ItemEquivalence.equivalent(n("1000E+2147483647"), n("1000E+2147483647"))).isTrue();
        assertThat(ItemEquivalence.equivalent(n("1000E+2147483647"), n("1"))).isFalse();
    }

    @Test
    void equivalent_whenSetsHaveOtherOrder_isTrue() {
        assertThat(ItemEquivalence.equivalent(ss("a", "b", "c"), ss("c", "a", "b"))).isTrue();
        assertThat(ItemEquivalence.equivalent(ns("1", "2.50", "1E+3"), ns("1000", "2.5", "1.0"))).isTrue();
        assertThat(ItemEquivalence.equivalent(bs(bytes(1), bytes(2, 3)), bs(bytes(2, 3), bytes(1)))).isTrue();
    }

    @Test
    void equivalent_whenSetsHaveOtherElements_isFalse() {
        assertThat(ItemEquivalence.equivalent(ss("a", "b"), ss("a", "c"))).isFalse();
        assertThat(ItemEquivalence.equivalent(ss("a", "b"), ss("a"))).isFalse();
        assertThat(ItemEquivalence.equivalent(ns("1", "2"), ns("1", "3"))).isFalse();
        assertThat(ItemEquivalence.equivalent(bs(bytes(1)), bs(bytes(1, 0)))).isFalse();
    }

    @Test
    void equivalent_whenListsHaveOtherOrder_isFalse() {
        assertThat(ItemEquivalence.equivalent(l(s("a"), s("b")), l(s("a"), s("b")))).isTrue();
        assertThat(ItemEquivalence.equivalent(l(s("a"), s("b")), l(s("b"), s("a")))).isFalse();
    }

    @Test
    void equivalent_whenMapKeysInOtherOrder_isTrue() {
        assertThat(ItemEquivalence.equivalent(m("a", n("1"), "b", n("2")), m("b", n("2.0"), "a", n("1")))).isTrue();
        assertThat(ItemEquivalence.equivalent(item("a", s("x"), "b", bool(true)), item("b", bool(true), "a", s("x"))))
                .isTrue();
    }

    @Test
    void equivalent_whenBinaryComparedByBytes_isTrueOnlyForSameBytes() {
        assertThat(ItemEquivalence.equivalent(b(1, 2, 3), b(1, 2, 3))).isTrue();
        assertThat(ItemEquivalence.equivalent(b(1, 2, 3), b(1, 2, 4))).isFalse();
        assertThat(ItemEquivalence.equivalent(b(), b())).isTrue();
    }

    @Test
    void equivalent_whenTypesDiffer_isFalse() {
        assertThat(ItemEquivalence.equivalent(s("1"), n("1"))).isFalse();
        assertThat(ItemEquivalence.equivalent(ss("1"), ns("1"))).isFalse();
        assertThat(ItemEquivalence.equivalent(l(), m())).isFalse();
        assertThat(ItemEquivalence.equivalent(bool(false), nul())).isFalse();
        assertThat(ItemEquivalence.equivalent(s("a"), null)).isFalse();
    }

    @Test
    void firstDifference_whenEquivalent_isEmpty() {
        Map<String, AttributeValue> a = item("pk", s("a"), "n", n("1E+3"), "tags", ns("1", "2"));
        Map<String, AttributeValue> b = item("tags", ns("2.0", "1"), "n", n("1000"), "pk", s("a"));

        assertThat(ItemEquivalence.firstDifference(a, b)).isEmpty();
        assertThat(ItemEquivalence.equivalent(a, b)).isTrue();
    }

    @Test
    void firstDifference_whenNestedValueDiffers_namesItsPathWithoutValues() {
        Map<String, AttributeValue> a = item("pk", s("a"), "tags", l(s("x"), s("y"), m("x", s("secret-1"))));
        Map<String, AttributeValue> b = item("pk", s("a"), "tags", l(s("x"), s("y"), m("x", s("secret-2"))));

        assertThat(ItemEquivalence.firstDifference(a, b)).hasValue("Item.tags.L[2].M.x");
        assertThat(ItemEquivalence.equivalent(a, b)).isFalse();
    }

    @Test
    void firstDifference_whenAttributeMissingOnEitherSide_namesIt() {
        assertThat(ItemEquivalence.firstDifference(item("a", s("x"), "b", s("y")), item("a", s("x"))))
                .hasValue("Item.b");
        assertThat(ItemEquivalence.firstDifference(item("a", s("x")), item("a", s("x"), "c", s("y"))))
                .hasValue("Item.c");
        assertThat(ItemEquivalence.firstDifference(m("k", s("x")), m()))
                .hasValue("value.M.k");
    }

    @Test
    void firstDifference_whenListLengthsDiffer_namesTheFirstExtraIndex() {
        assertThat(ItemEquivalence.firstDifference(item("l", l(n("1"), n("2"))), item("l", l(n("1.0")))))
                .hasValue("Item.l.L[1]");
    }

    @Test
    void firstDifference_whenTypeOrSetDiffers_namesTheAttribute() {
        assertThat(ItemEquivalence.firstDifference(item("x", s("1")), item("x", n("1")))).hasValue("Item.x");
        assertThat(ItemEquivalence.firstDifference(item("x", ss("a")), item("x", ss("b")))).hasValue("Item.x");
    }

    @Test
    void firstDifference_whenSingleValuesDiffer_rootsThePathAtValue() {
        assertThat(ItemEquivalence.firstDifference(s("a"), s("b"))).hasValue("value");
        assertThat(ItemEquivalence.firstDifference(m("k", l(b(1))), m("k", l(b(2))))).hasValue("value.M.k.L[0]");
        assertThat(ItemEquivalence.firstDifference(n("1.0"), n("1"))).isEmpty();
    }
}
