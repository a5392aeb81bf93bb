package zz_tmp
import ("testing";"fmt";"os";"strconv";"context";"github.com/geokg/geokg/bench")
func TestRaw(t *testing.T){
 n,_:=strconv.Atoi(os.Getenv("N"))
 c:=bench.Generated(1,n)
 qs:=bench.Quads(c.Articles)
 fmt.Println("quads",len(qs))
 for _,ns:=range []bool{false,true}{
  d:=t.TempDir()
  el,err:=bench.RawLoad(d,qs,bench.RawOptions{NoSync:ns}); if err!=nil{t.Fatal(err)}
  fmt.Println("nosync",ns,el,float64(len(qs))/el.Seconds(),"q/s",float64(n)/el.Seconds(),"art/s", bench.DirSize(d))
 }
 d:=t.TempDir()
 el,sum,err:=bench.IngestGeokg(context.Background(),d,c.Articles); if err!=nil{t.Fatal(err)}
 fmt.Println("geokg",el,float64(n)/el.Seconds(),"art/s",sum, bench.DirSize(d))
}
