def log = new File(basedir, 'build.log').text
// Every problem, each as path/to/File.java:line: message, and the build failed because of them.
assert log =~ /(?m)it\/weft\/errors\/InLambda\.java:10: .*lambda/
assert log =~ /(?m)it\/weft\/errors\/Locked\.java:14: .*synchronized/
assert log.contains('weft: 2 weave errors in target' + File.separator + 'classes')
assert log.contains('BUILD FAILURE')
// A class that failed is left exactly as javac wrote it; the others in the directory are still woven.
assert log.contains('weft: woven 1 classes, 0 already woven/unchanged')
return true
