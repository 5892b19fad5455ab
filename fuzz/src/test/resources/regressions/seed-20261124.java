// weft-fuzz regression, seed 20261124
// Replayed by RegressionTest: AWAIT_HOLDER becomes dev.weft.Task (woven) or fz.Ref (reference).
// Found as: LOAD/RUN (DIRECT): java.lang.VerifyError: Bad type on operand stack
// LOAD/RUN (DIRECT): java.lang.VerifyError: Bad type on operand stack
// Exception Details:
//   Location:
//     fz/P1352904.m0(Lfz/P1352904;IJLdev/weft/Coroutine;)Ljava/lang/Object; @286: putfield
//   Reason:
//     Type uninitialized 111 (current frame, stack[1]) is not assignable to 'java/lang/Object'
//   Current Frame:
//     bci: @286
//     flags: { }
//     locals: { 'fz/P1352904', integer, long, long_2nd, 'dev/weft/Coroutine', long, long_2nd, integer, top, top, integer, uninitialized 111, uninitialized 111, integer, top, 'dev/weft/Frames$R2P2', top, 'dev/weft/Task', integer, uninitialized 111, uninitialized 111 }
//     stack: { 'dev/weft/Frames$R2P2', uninitialized 111 }
//   Bytecode:
//     0000000: 1904 c600 2419 04b6 0081 aa00 0000 0012
//     0000010: 0000 0001 0000 0001 0000 0139 bb00 8359
//     0000020: 1285 b700 88bf 2009 6137 0510 b136 071b
//     0000030: 1b1b b800 8c04 7806 b800 90ab 0000 0034
//     0000040: 0000 0002 0000 0000 0000 0019 0000 0001
//     0000050: 0000 002b 1291 114c 7a15 0768 9386 6a38
//     0000060: 0917 09a7 0127 1292 3809 1709 a701 1ebb
//     0000070: 000a 5910 fc36 0a3a 0b3a 0c0e b800 9606
//     0000080: b800 90ab 0000 002b 0000 0001 0000 0000
//     0000090: 0000 0011 bb00 0a59 1b12 98b7 009b b400
//     00000a0: 9e36 0d19 0c19 0b15 0a15 0da7 002f 0336
//     00000b0: 0d19 0c19 0b15 0a15 0da7 0021 3a0e 190e
//     00000c0: b600 a1ba 00a4 0000 b800 a710 0936 0d19
//     00000d0: 0c19 0b15 0a15 0da7 0003 12a9 b600 acb8
//     00000e0: 008c 12ae 03b8 00b2 59b8 00b6 9900 09b8
//     00000f0: 00ba a700 863a 1136 123a 133a 1419 04c7
//     0000100: 000d b800 be05 05b8 00c2 3a04 1904 c000
//     0000110: c43a 0f19 0f16 05b5 00c7 190f 1914 b500
//     0000120: cb19 0f19 13b5 00ce 190f 1512 85b5 00d1
//     0000130: 1904 1911 04b6 00d5 9900 0919 04b8 00d9
//     0000140: b001 b019 04c0 00c4 3a0f 190f b400 c737
//     0000150: 0519 0fb4 00cb c000 0a19 0f01 b500 cb19
//     0000160: 0fb4 00ce c000 0a19 0f01 b500 ce19 0fb4
//     0000170: 00d1 8819 04b6 00dd c000 4ab7 009b b800
//     0000180: e112 92b8 00e5 3809 1709 3808 1605 1400
//     0000190: e661 b800 ecb8 00f0 1904 b800 f4b0 1904
//     00001a0: b800 f8b0                              
//   Exception Handler Table:
//     bci [174, 177] => handler: 188
//     bci [0, 414] => handler: 414
//   Stackmap Table:
//     same_frame(@28)
//     same_frame(@38)
//     append_frame(@84,Long,Integer)
//     same_frame(@102)
//     same_frame(@111)
//     full_frame(@148,{Object[#2],Integer,Long,Object[#125],Long,Integer,Top,Top,Integer,Uninitialized[#111],Uninitialized[#111]},{})
//     same_frame(@174)
//     same_locals_1_stack_item_frame(@188,Object[#15])
//     full_frame(@218,{Object[#2],Integer,Long,Object[#125],Long,Integer,Top,Top,Integer,Uninitialized[#111],Uninitialized[#111],Integer},{Uninitialized[#111],Uninitialized[#111],Integer,Integer})
//     full_frame(@245,{Object[#2],Integer,Long,Object[#125],Long,Integer,Top,Top,Integer,Uninitialized[#111],Uninitialized[#111],Integer},{Uninitialized[#111],Uninitialized[#111],Integer,Object[#43]})
//     full_frame(@268,{Object[#2],Integer,Long,Object[#125],Long,Integer,Top,Top,Integer...
// woven:     
// reference: ok:147 H=17 f=3 EV=[]
package fz;

import static AWAIT_HOLDER.await;

import dev.weft.Task;
import dev.weft.annotations.Async;
import fz.Fz.Box;
import fz.Fz.Col;
import fz.Fz.FzChecked;
import fz.Fz.FzEx;
import fz.Fz.Res;

public final class P1352904 {
  static final P1352904 INST = new P1352904();
  long f = 3;

  @Async
  Task<Long> m0(int d, long x) {
    long acc = x + 0;
    byte v0 = (byte) -79;
    float v1 = switch (Fz.fm((Fz.mix(d, d, d) << 1), 3)) {
      case 0 -> ((-1.5f) * (short) ((short) 19578 * v0));
      case 1 -> 1e2f;
      default -> {
          Fz.tB(new Box(Fz.mix((-4), (switch (Fz.fm(Fz.di(0.0), 3)) { case 0 -> new Box(d, "xyz").a; default -> { try { yield 0; } catch (FzEx e3) { Fz.ev("st" + e3.getMessage()); yield 9; } } }), "".length()), await(Fz.ss("q7", 0))));
        yield Fz.y(1e2f);
      }
    };
    return Task.completed(acc + (long) (true ? 'a' : 'z'));
  }



  public static String run() {
    String outcome;
    try {
      outcome = "ok:" + INST.m0(2, 50L).get(20, java.util.concurrent.TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      outcome = "failed:" + Fz.desc(e.getCause());
    } catch (java.util.concurrent.TimeoutException e) {
      outcome = "TIMEOUT";
    } catch (Throwable e) {
      outcome = "failed:" + Fz.desc(e);
    }
    return outcome + " H=" + Fz.H + " f=" + INST.f + " EV=" + Fz.EV;
  }
}
