package dev.weft.processor.run;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every primitive type in locals and on the operand stack across an await (longs and doubles take
 * two slots; booleans, bytes, chars and shorts are ints to the verifier but must come back as
 * themselves), extreme values bit for bit, and one slot reused with different types.
 */
class PrimitivesTest {
  static final String PRIMS =
      """
      package prog;

      import static dev.weft.Task.await;
      import static prog.Support.s;

      import dev.weft.Task;
      import dev.weft.annotations.Async;
      import java.util.List;

      public class Prims {
        static String mix(int i, long l, double d, float f, char c, boolean z, byte b, short h,
            String tail) {
          return i + "|" + l + "|" + d + "|" + f + "|" + c + "|" + z + "|" + b + "|" + h + "|" + tail;
        }

        @Async
        public static Task<String> locals() {
          boolean z = true;
          byte b = (byte) -7;
          char c = 'Q';
          short h = (short) 30000;
          int i = -123456;
          long l = 1L << 40;
          float f = 1.25f;
          double d = Math.PI;
          String first = await(s("x"));
          String r = first + z + b + c + h + i + l + f + d;
          z = !z;
          b++;
          c++;
          h--;
          i *= 2;
          l += 3;
          f /= 2;
          d -= 3;
          return Task.completed(r + "/" + await(s("y")) + z + b + c + h + i + l + f + d);
        }

        @Async
        public static Task<String> extremes() {
          long lmin = Long.MIN_VALUE;
          long lmax = Long.MAX_VALUE;
          double nan = Double.longBitsToDouble(0x7ff8_dead_beef_0001L);
          double negZero = -0.0;
          float fmax = Float.MAX_VALUE;
          float fnan = Float.intBitsToFloat(0x7fc0_1234);
          char cmax = Character.MAX_VALUE;
          byte bmin = Byte.MIN_VALUE;
          short smin = Short.MIN_VALUE;
          int imin = Integer.MIN_VALUE;
          await(s(0));
          return Task.completed(lmin + "," + lmax + "," + Long.toHexString(Double.doubleToRawLongBits(nan))
              + "," + (1 / negZero) + "," + fmax + "," + Integer.toHexString(Float.floatToRawIntBits(fnan))
              + "," + (int) cmax + "," + bmin + "," + smin + "," + imin);
        }

        @Async
        public static Task<String> awaitedPrimitives() {
          boolean z = await(s(false));
          byte b = await(s((byte) 5));
          char c = await(s('k'));
          short h = await(s((short) -2));
          int i = await(s(77));
          long l = await(s(-1L));
          float f = await(s(0.5f));
          double d = await(s(2.25));
          return Task.completed("" + z + b + c + h + i + l + f + d);
        }

        @Async
        public static Task<String> onStack() {
          long l = 10_000_000_000L;
          long lr = l + await(s(5L));
          double d = 0.5;
          double dr = d * await(s(4.0));
          int i = 7;
          int ir = i - await(s(10));
          float f = 2f;
          float fr = f / await(s(8f));
          boolean z = true;
          boolean zr = z & await(s(false));
          boolean zx = z ^ await(s(true));
          byte b = 3;
          int br = b << await(s((byte) 2));
          char c = 'a';
          char cr = (char) (c + await(s(2)));
          short h = 1000;
          int hr = h * await(s((short) 3));
          long mixed = i * l + (long) (d * await(s(3.0))) - ir * await(s(2L));
          return Task.completed(lr + "," + dr + "," + ir + "," + fr + "," + zr + "," + zx + ","
              + br + "," + cr + "," + hr + "," + mixed);
        }

        @Async
        public static Task<String> allOnStack() {
          int i = 1;
          long l = 2L;
          double d = 3.5;
          float f = 4.5f;
          char c = 'e';
          boolean z = true;
          byte b = 6;
          short h = 7;
          String end = mix(i, l, d, f, c, z, b, h, await(s("end")));
          String middle = mix(i, l, await(s(9.25)), f, c, z, await(s((byte) -1)), h, "m");
          String first = mix(await(s(-3)), await(s(-4L)), d, f, await(s('x')), await(s(false)), b,
              await(s((short) 8)), "f");
          return Task.completed(end + ";" + middle + ";" + first);
        }

        @Async
        public static Task<Long> longAndDoubleArithmetic() {
          long acc = 17;
          double scale = 1.0;
          for (int k = 0; k < 6; k++) {
            acc = acc * 31 + await(s((long) k * 1_000_000_007L));
            scale *= await(s(1.5));
          }
          return Task.completed(acc ^ Double.doubleToLongBits(scale));
        }

        @Async
        public static Task<Double> primitiveParameters(int a, long b, double c, float d, char e,
            boolean f, byte g, short h) {
          await(s(0));
          double sum = a + b + c + d + e + (f ? 1 : 0) + g + h;
          return Task.completed(sum + await(s(0.0)));
        }

        @Async
        public static Task<Integer> slotReuse() {
          int total = 0;
          {
            int a = await(s(1));
            total += a;
          }
          {
            String a = await(s("abc"));
            total += a.length();
          }
          {
            double a = await(s(2.5));
            total += (int) (a * 2);
          }
          {
            long a = 7L;
            a += await(s(1L));
            total += (int) a;
          }
          {
            Object a = await(s((Object) List.of(1, 2)));
            total += ((List<?>) a).size();
          }
          return Task.completed(total);
        }

        @Async
        public static Task<String> slotReuseAcrossBranches(boolean flag) {
          String r;
          if (flag) {
            long wide = await(s(1L << 35));
            r = "L" + wide;
          } else {
            String narrow = await(s("n"));
            int other = await(s(3));
            r = narrow + other;
          }
          float after = await(s(1.5f));
          return Task.completed(r + after);
        }
      }
      """;

  @ParameterizedTest
  @MethodSource(Run.ALL)
  void everyPrimitiveTypeInLocals(Run run) {
    assertThat(run.load(PRIMS).join("Prims", "locals"))
        .isEqualTo("xtrue-7Q30000-12345610995116277761.253.141592653589793"
            + "/yfalse-6R29999-24691210995116277790.6250.14159265358979312");
  }

  @ParameterizedTest
  @MethodSource(Run.ALL)
  void extremeValuesSurviveBitForBit(Run run) {
    assertThat(run.load(PRIMS).join("Prims", "extremes"))
        .isEqualTo("-9223372036854775808,9223372036854775807,7ff8deadbeef0001,-Infinity,"
            + "3.4028235E38,7fc01234,65535,-128,-32768,-2147483648");
  }

  @ParameterizedTest
  @MethodSource(Run.ALL)
  void awaitedValuesOfEveryPrimitiveType(Run run) {
    assertThat(run.load(PRIMS).join("Prims", "awaitedPrimitives"))
        .isEqualTo("false5k-277-10.52.25");
  }

  @ParameterizedTest
  @MethodSource(Run.ALL)
  void eachPrimitiveTypeOnTheOperandStack(Run run) {
    assertThat(run.load(PRIMS).join("Prims", "onStack"))
        .isEqualTo("10000000005,2.0,-3,0.25,false,false,12,c,3000,70000000007");
  }

  @ParameterizedTest
  @MethodSource(Run.ALL)
  void eightPrimitiveArgumentsOnTheStackAcrossAwaits(Run run) {
    assertThat(run.load(PRIMS).join("Prims", "allOnStack"))
        .isEqualTo("1|2|3.5|4.5|e|true|6|7|end;1|2|9.25|4.5|e|true|-1|7|m;"
            + "-3|-4|3.5|4.5|x|false|6|8|f");
  }

  @ParameterizedTest
  @MethodSource(Run.ALL)
  void longAndDoubleAccumulatorsInALoop(Run run) {
    long acc = 17;
    double scale = 1.0;
    for (int k = 0; k < 6; k++) {
      acc = acc * 31 + (long) k * 1_000_000_007L;
      scale *= 1.5;
    }
    assertThat(run.load(PRIMS).join("Prims", "longAndDoubleArithmetic"))
        .isEqualTo(acc ^ Double.doubleToLongBits(scale));
  }

  @ParameterizedTest
  @MethodSource(Run.ALL)
  void primitiveParameters(Run run) {
    Object r = run.load(PRIMS).join("Prims", "primitiveParameters",
        1, 1L << 33, 0.5, 0.25f, 'A', true, (byte) -2, (short) 300);
    assertThat(r).isEqualTo(1 + (1L << 33) + 0.5 + 0.25f + 'A' + 1 - 2 + 300);
  }

  @ParameterizedTest
  @MethodSource(Run.ALL)
  void oneSlotReusedWithDifferentTypesInDifferentScopes(Run run) {
    assertThat(run.load(PRIMS).join("Prims", "slotReuse")).isEqualTo(19);
  }

  @ParameterizedTest
  @MethodSource(Run.ALL)
  void slotsReusedAcrossBranches(Run run) {
    Program program = run.load(PRIMS);
    assertThat(program.join("Prims", "slotReuseAcrossBranches", true)).isEqualTo("L343597383681.5");
    assertThat(program.join("Prims", "slotReuseAcrossBranches", false)).isEqualTo("n31.5");
  }
}
