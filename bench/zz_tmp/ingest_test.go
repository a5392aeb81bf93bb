package zz_tmp
import ("testing";"fmt";"time";"context";"github.com/geokg/geokg/bench";"github.com/geokg/geokg/extract";"github.com/geokg/geokg/graph";"github.com/geokg/geokg/pipeline")
func TestIngest(t *testing.T){
 ctx:=context.Background()
 g:=bench.NewGenerator(1)
 x:=extract.New(nil)
 st,err:=graph.Open(ctx,graph.Config{Address:t.TempDir()}); if err!=nil{t.Fatal(err)}
 w:=(&pipeline.Pipeline{Store:st,Extractor:x}).NewWriter()
 t0:=time.Now()
 N:=5000
 for i:=0;i<N;i++{ if err:=w.Add(ctx,g.Article(i));err!=nil{t.Fatal(err)}; if i%1000==999{fmt.Println(i+1,time.Since(t0))}}
 s,err:=w.Close(ctx); if err!=nil{t.Fatal(err)}
 el:=time.Since(t0)
 gs,_:=st.Stats(ctx)
 fmt.Println(s, el, float64(N)/el.Seconds(),"art/s", gs, float64(gs.Quads)/el.Seconds(),"quads/s")
 st.Close()
}
