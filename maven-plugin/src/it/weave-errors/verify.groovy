def log = new File(basedir, 'build.log').text
// Every problem, each as src/main/java/path/to/File.java:line: [the processor's id] could not weave
// Class.method: message, with the source method (never javac's lambda$later$0), and the build failed
// because of them.
assert log.contains('src/main/java/it/weft/errors/InLambda.java:10: [WeftAwaitOutsideAsync] could not weave'
    + ' it.weft.errors.InLambda.later: await() in a lambda in InLambda.later, which is not an @Async method')
assert log.contains('src/main/java/it/weft/errors/Locked.java:14: [WeftAwaitInSynchronized] could not weave'
    + ' it.weft.errors.Locked.guarded: await() inside synchronized in Locked.guarded')
assert !log.contains('lambda$')
assert log.contains('weft: 2 weave errors in target' + File.separator + 'classes')
assert log.contains('BUILD FAILURE')
// A class that failed is left exactly as javac wrote it; the others in the directory are still woven.
assert log.contains('weft: woven 1 classes, 0 already woven/unchanged')
return true
