package zz_tmp
import ("testing";"os";"strconv";"github.com/geokg/geokg/bench")
func TestJSONL(t *testing.T){ n,_:=strconv.Atoi(os.Getenv("N")); f,_:=os.Create(os.Getenv("OUT")); defer f.Close(); if err:=bench.NewGenerator(1).WriteJSONL(f,n);err!=nil{t.Fatal(err)}}
