def adder = new File(basedir, 'target/classes/it/weft/Adder.class')
assert adder.isFile() : 'not compiled'
assert new String(adder.bytes, 'ISO-8859-1').contains('dev/weft/annotations/Woven') : 'mvn compile left Adder unwoven'
def log = new File(basedir, 'build.log').text
assert log.indexOf('maven-compiler-plugin') < log.indexOf('weft-maven-plugin') : 'weaving ran before compiling'
return true
